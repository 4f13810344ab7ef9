// Preloaded (`node -r`) into a command the bench measures: on exit, writes the process's
// peak resident set size (bytes) to the file named by $MAX_RSS_FILE.
const { writeFileSync } = require("node:fs");

process.on("exit", () => {
  const file = process.env.MAX_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});
