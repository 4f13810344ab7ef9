// @ts-check
// TypeDoc plugin for this site: keeps inline code in headings (TypeDoc's "On this page"
// reads only a heading's plain text, so "Mapping (profile `"sekoia"`, the default)" lost
// its code), drops the README's title where TypeDoc already prints the package name, and
// builds the Playground's script from the package's own browser build (dist/).
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Application } from "typedoc";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Rewrites each heading's inline code as raw <code> plus a text token, so the heading
 * still shows code and TypeDoc's heading text (which keeps only text tokens) has it too.
 * @param {any} state markdown-it core state
 * @param {string} title the project's name
 */
function headingRule(state, title) {
  const tokens = state.tokens;
  // The README's `# okta-device-ocsf` repeats the page title TypeDoc prints above it.
  if (
    tokens[0]?.type === "heading_open" &&
    tokens[0].tag === "h1" &&
    tokens[1]?.content.trim() === title
  ) {
    tokens.splice(0, 3);
  }
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== "heading_open") continue;
    const inline = tokens[i + 1];
    if (!inline?.children) continue;
    inline.children = inline.children.flatMap((/** @type {any} */ child) => {
      if (child.type !== "code_inline") return [child];
      const open = new state.Token("html_inline", "", 0);
      open.content = "<code>";
      const text = new state.Token("text", "", 0);
      text.content = child.content;
      const close = new state.Token("html_inline", "", 0);
      close.content = "</code>";
      return [open, text, close];
    });
  }
}

/**
 * Bundles docs/playground/app.ts with the built package (dist/), as a browser would load
 * it from npm: the page computes events with the package's own code, no server.
 * @param {string} outputDirectory the site's folder
 */
async function buildPlayground(outputDirectory) {
  const entries = {
    "src/index.js": "dist/index.js",
    "src/schemas/index.js": "dist/schemas/index.js",
  };
  for (const built of Object.values(entries)) {
    if (!existsSync(join(root, built))) {
      throw new Error(
        `The Playground needs ${built}: run \`npm run build\` before \`npm run docs\``,
      );
    }
  }
  await build({
    entryPoints: [join(root, "docs/playground/app.ts")],
    outfile: join(outputDirectory, "assets/playground.js"),
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    logLevel: "warning",
    // dist/index.js keeps tsup's bare `import './chunk-….js'` (load order); with the package's
    // `sideEffects: false` esbuild drops it and warns on every `npm run docs`. Dropping it is
    // right (the chunk only declares), and esbuild stays silent about it for a package in
    // node_modules: only this build, which reads dist/ directly, saw the warning.
    logOverride: { "ignored-bare-import": "silent" },
    plugins: [
      {
        name: "use-dist",
        setup(esbuild) {
          // app.ts imports src/ for its types; the page runs what npm ships.
          esbuild.onResolve({ filter: /\/src\/(schemas\/)?index\.js$/ }, (args) => {
            const key = Object.keys(entries).find((source) => args.path.endsWith(source));
            const built =
              key === undefined ? undefined : entries[/** @type {keyof typeof entries} */ (key)];
            return built === undefined ? undefined : { path: join(root, built) };
          });
        },
      },
    ],
  });
}

/** @param {import("typedoc").Application} app */
export function load(app) {
  // TypeDoc resets its options after loading plugins: set the loader once they are read.
  app.on(Application.EVENT_BOOTSTRAP_END, () => {
    app.options.setValue("markdownItLoader", (/** @type {any} */ parser) => {
      parser.core.ruler.push("okta_device_ocsf_headings", (/** @type {any} */ state) =>
        headingRule(state, app.options.getValue("name")),
      );
    });
  });
  // An async job, so that TypeDoc waits for the bundle (an END listener would not be awaited).
  app.renderer.postRenderAsyncJobs.push((event) => buildPlayground(event.outputDirectory));
}
