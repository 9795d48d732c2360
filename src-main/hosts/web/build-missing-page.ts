/** What GET / shows when the React UI has not been built yet. Plain HTML: the CSP forbids inline style and script. */
export function buildMissingPage(staticDir: string): string {
  const escaped = staticDir.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>KeyHub: the UI is not built yet</title></head>
<body>
<h1>KeyHub's user interface has not been built yet</h1>
<p>The KeyHub API is running, but there is no built UI in <code>${escaped}</code>.</p>
<p>In the KeyHub folder, run <code>npm run build</code> and reload this page,
or stop this server and run <code>npm start</code>, which builds the UI and opens it for you.</p>
</body>
</html>
`;
}
