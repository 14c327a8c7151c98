// Drives Chromium over a site written by `pmcheck publish` and prints what it saw as
// JSON, for tests/it/publish.rs to assert on:
//   node tests/browser/publish.mjs CHROMIUM SITE_DIR ANCHOR QUERY [--no-axe] [--screenshot=PNG]
// - violations: axe-core's serious and critical violations, every section opened
//   (--no-axe skips it: on a page of thousands of measures it takes minutes);
// - search: the measures left visible after typing QUERY into the search box;
// - anchor: where the measure ANCHOR sits after opening index.html#ANCHOR;
// - noscript: the measures on the page and whether the search box shows, JavaScript off;
// - loadMs: how long the page took to load (reported, never asserted: machines vary).
import { chromium } from "playwright-core";
import axe from "axe-core";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [executablePath, site, anchor, query, ...flags] = process.argv.slice(2);
const axeRun = !flags.includes("--no-axe");
const screenshot = flags.find((f) => f.startsWith("--screenshot="))?.slice("--screenshot=".length);
const url = pathToFileURL(path.join(site, "index.html")).href;
const browser = await chromium.launch({
  executablePath,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const out = {};
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  const started = Date.now();
  await page.goto(url, { waitUntil: "load" });
  out.loadMs = Date.now() - started;
  out.measures = await page.locator("article.measure").count();
  out.searchVisible = await page.locator("#pm_search_box").isVisible();

  // Search: typing a measure's name leaves only the measures that match.
  await page.fill("#pm_search", query);
  out.search = await page.$$eval("article.measure", (all) =>
    all.filter((a) => !a.hidden && a.offsetParent !== null).map((a) => a.id));
  out.searchCount = await page.textContent("#pm_search_count");
  await page.fill("#pm_search", "");
  out.afterClear = await page.$$eval("article.measure", (all) => all.filter((a) => !a.hidden).length);

  if (screenshot) {
    await page.screenshot({ path: screenshot, fullPage: true, clip: { x: 0, y: 0, width: 1100, height: 1500 } });
  }

  // Accessibility: every section opened, then axe-core over the whole page.
  if (axeRun) {
    await page.$$eval("details", (all) => all.forEach((d) => { d.open = true; }));
    await page.addScriptTag({ content: axe.source });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    out.violations = result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, first: v.nodes[0].target.join(" ") }));
    out.minorViolations = result.violations
      .filter((v) => !(v.impact === "serious" || v.impact === "critical"))
      .map((v) => v.id);
  }
  out.errors = errors;

  // Anchors: a fresh page opened at a measure's link shows that measure at the top.
  const linked = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await linked.goto(`${url}#${encodeURIComponent(anchor)}`, { waitUntil: "load" });
  await linked.waitForTimeout(200);
  out.anchor = await linked.evaluate((id) => {
    const el = document.getElementById(id);
    if (!el) { return null; }
    const r = el.getBoundingClientRect();
    return { top: Math.round(r.top), visible: el.offsetParent !== null, scrollY: Math.round(window.scrollY) };
  }, anchor);

  // Without JavaScript every measure is on the page, and no search box is offered.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const plain = await context.newPage();
  await plain.goto(url, { waitUntil: "load" });
  out.noscript = {
    measures: await plain.locator("article.measure").count(),
    searchVisible: await plain.locator("#pm_search_box").isVisible(),
  };
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out) + "\n");
