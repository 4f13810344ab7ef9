import type { OktaDevice } from "../okta/device.js";

/**
 * Invented example devices for the demo: the real API's shape (with and without embedded
 * users, an iPad, a suspended Mac), the product page's shape, and one deliberately broken
 * record (an impossible date) to show how a bad record is reported.
 */
export const DEMO_DEVICES: readonly OktaDevice[] = [
  {
    id: "guo5a1demoWINlaptop01",
    status: "ACTIVE",
    created: "2024-03-12T09:15:42.000Z",
    lastUpdated: "2025-10-02T17:04:09.000Z",
    profile: {
      displayName: "FIN-LT-0231",
      platform: "WINDOWS",
      manufacturer: "Lenovo",
      model: "ThinkPad T14 Gen 4",
      osVersion: "10.0.22631",
      serialNumber: "PF4X9K2L",
      sid: "S-1-5-21-1004336348-1177238915-682003330-1104",
      registered: true,
      secureHardwarePresent: true,
      diskEncryptionType: "ALL_INTERNAL_VOLUMES",
    },
    resourceType: "UDDevice",
    resourceId: "guo5a1demoWINlaptop01",
    resourceDisplayName: {
      value: "FIN-LT-0231",
      sensitive: false,
    },
    resourceAlternateId: null,
    _embedded: {
      users: [
        {
          created: "2024-03-12T09:20:00.000Z",
          managementStatus: "MANAGED",
          screenLockType: "BIOMETRIC",
          user: {
            id: "00u8demoAlice000001",
            profile: {
              firstName: "Alice",
              lastName: "Martin",
              login: "alice.martin@example.com",
              email: "alice.martin@example.com",
            },
          },
        },
      ],
    },
  },
  {
    id: "guo5a1demoIPAD000002",
    status: "ACTIVE",
    created: "2023-11-20T14:02:11.000Z",
    lastUpdated: "2025-09-30T08:45:00.000Z",
    profile: {
      displayName: "Sales iPad 7",
      platform: "IOS",
      manufacturer: "Apple",
      model: "iPad Air (5th generation)",
      osVersion: "17.6.1",
      serialNumber: "DMPXK2Q1HX",
      udid: "00008103-001A2C3E0E10801E",
      imei: "353210112233445",
      registered: true,
      secureHardwarePresent: true,
      diskEncryptionType: "FULL",
      integrityJailbreak: false,
    },
    resourceType: "UDDevice",
    _embedded: {
      users: [
        {
          managementStatus: "NOT_MANAGED",
          screenLockType: "PASSCODE",
          user: {
            id: "00u8demoBruno000002",
            profile: {
              login: "bruno@example.com",
            },
          },
        },
      ],
    },
  },
  {
    id: "guo5a1demoMAC0000003",
    status: "SUSPENDED",
    created: "2022-06-01T07:30:00.000Z",
    lastUpdated: "2025-01-15T12:00:00.000Z",
    profile: {
      displayName: "ENG-MBP-118",
      platform: "MACOS",
      model: "MacBookPro18,3",
      osVersion: "14.7",
      registered: true,
      diskEncryptionType: "SYSTEM_VOLUME",
    },
  },
  {
    id: "guo5a1demoPAGESHAPE4",
    status: "ACTIVE",
    created: "2023-06-04T10:00:00.000Z",
    lastUpdated: "2025-08-26T09:30:00.000Z",
    lastSeen: "2025-08-26T09:30:00.000Z",
    profile: {
      displayName: "LAPTOP-DEMO-004",
      platform: "Windows",
      osVersion: "10.0.22621",
      manufacturer: "Dell",
      model: "Latitude 5540",
      registered: true,
      secureHardwarePresent: true,
      diskEncryptionType: "BitLocker",
      osUpdateTime: "2025-08-20T14:30:00.000Z",
    },
    deviceType: "Computer",
    managed: true,
    complianceStatus: "COMPLIANT",
    userId: "00u8demoCarla000003",
  },
  {
    id: "guo5a1demoBROKEN0005",
    status: "ACTIVE",
    created: "2025-02-30T10:00:00.000Z",
    lastUpdated: "2025-03-01T10:00:00.000Z",
    profile: {
      displayName: "bad-date-example",
      platform: "ANDROID",
      registered: true,
    },
  },
];
