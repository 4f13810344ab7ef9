// Loads the Playground's script on the page that has a playground, and nowhere else.
(() => {
  if (document.getElementById("okta-playground") === null) return;
  const script = document.currentScript;
  const url = new URL(
    "playground.js",
    script instanceof HTMLScriptElement ? script.src : location.href,
  );
  import(url.href).catch((error) => {
    const output = document.getElementById("playground-output");
    if (output) output.textContent = `The Playground could not load: ${error}`;
  });
})();
