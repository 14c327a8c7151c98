// How long pages written by `pmcheck publish` take to load in Chromium, for
// BENCHMARKS.md (measured, never asserted: machines vary):
//   node tests/browser/load-time.mjs CHROMIUM RUNS SITE/index.html...
// Each run starts a fresh browser and prints the page's loadEventEnd in milliseconds.
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [executablePath, runs, ...pages] = process.argv.slice(2);
for (const page of pages) {
  const times = [];
  for (let i = 0; i < Number(runs); i++) {
    const browser = await chromium.launch({
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    });
    const tab = await browser.newPage();
    await tab.goto(pathToFileURL(path.resolve(page)).href, { waitUntil: "load" });
    times.push(await tab.evaluate(() =>
      Math.round(performance.getEntriesByType("navigation")[0].loadEventEnd)));
    await browser.close();
  }
  process.stdout.write(`${page}: ${times.join(" / ")} ms\n`);
}
