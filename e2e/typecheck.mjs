// typecheck.mjs type-checks golden fixture outputs for typecheck_test.go.
//
//	node typecheck.mjs ROOT
//
// ROOT holds node_modules (next 16, typescript, @types/*) and one folder per
// fixture, each the fixture's output tree. Every .ts, .tsx, .js, .jsx, .mjs
// and .cjs file of a fixture is checked (checkJs for JavaScript) in one
// program per fixture: the base options below, then the compilerOptions of
// the fixture's own tsconfig.json when it ships one, then the options the
// check needs (noEmit, allowJs, checkJs, skipLibCheck). The files the
// fixture's tsconfig includes are ignored: every output file is checked.
//
// It prints one JSON object per diagnostic, a line each:
//
//	{"fixture", "file", "line", "code", "message", "marked", "missingPackage"}
//
// marked: the diagnostic's line is marked TODO(routemod) (see markedLines);
// missingPackage: a TS2307 for a bare package the fixture does not ship and
// the e2e app does not install (a third-party library).
import fs from "node:fs";
import path from "node:path";
import { builtinModules, createRequire } from "node:module";

const root = path.resolve(process.argv[2]);
const require = createRequire(path.join(root, "node_modules", "x.js"));
const ts = require("typescript");

// base is what a Next.js 16 project gets when it has no tsconfig of its own,
// with strictNullChecks on as next build turns it on once app/ exists.
const base = {
  target: "ES2022", lib: ["dom", "dom.iterable", "esnext"], module: "esnext",
  moduleResolution: "bundler", jsx: "preserve", resolveJsonModule: true,
  strict: false, strictNullChecks: true, esModuleInterop: true, isolatedModules: true,
};
const forced = {
  noEmit: true, allowJs: true, checkJs: true, skipLibCheck: true, types: ["node"],
  typeRoots: [path.join(root, "node_modules", "@types")],
};
const sourceExt = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;
const MARK = "TODO(routemod)";

// Library files parse once for every fixture.
const cache = new Map();
function host(options) {
  const h = ts.createCompilerHost(options, true);
  const get = h.getSourceFile;
  h.getSourceFile = (name, lang, onError, fresh) => {
    if (!name.includes("/node_modules/") && !path.basename(name).startsWith("lib.")) {
      return get(name, lang, onError, fresh);
    }
    const key = name + "\0" + JSON.stringify(typeof lang === "object" ? [lang.languageVersion, lang.impliedNodeFormat] : lang);
    if (!cache.has(key)) cache.set(key, get(name, lang, onError, fresh));
    return cache.get(key);
  };
  return h;
}

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "node_modules" && e.name !== ".next") walk(p, out);
    } else if (sourceExt.test(e.name)) {
      out.push(p);
    }
  }
  return out;
}

function options(dir) {
  const opts = ts.convertCompilerOptionsFromJson(base, dir).options;
  const cfgPath = path.join(dir, "tsconfig.json");
  if (fs.existsSync(cfgPath)) {
    const cfg = ts.readConfigFile(cfgPath, ts.sys.readFile);
    if (cfg.error) throw new Error(ts.flattenDiagnosticMessageText(cfg.error.messageText, "\n"));
    Object.assign(opts, ts.parseJsonConfigFileContent(cfg.config, ts.sys, dir, undefined, cfgPath).options);
  }
  return Object.assign(opts, ts.convertCompilerOptionsFromJson(forced, dir).options);
}

// blockLike reports whether n is the body of a compound statement.
function blockLike(n) {
  return ts.isBlock(n) || ts.isCaseBlock(n) || ts.isModuleBlock(n);
}

// headEnd is where the marked part of statement n ends: the opening brace of
// its first body (a block, a switch's case block, a class's member list), or
// its end when it has none. So a marker above `if (x) {` marks the condition,
// not the whole if.
function headEnd(n, sf) {
  let end = n.getEnd();
  const visit = (c) => {
    if (c.getStart(sf) >= end) return;
    if (blockLike(c)) {
      end = Math.min(end, c.getStart(sf));
      return;
    }
    if (ts.isClassLike(c)) {
      end = Math.min(end, c.members.pos);
    }
    ts.forEachChild(c, visit);
  };
  if (ts.isClassLike(n)) end = n.members.pos;
  ts.forEachChild(n, visit);
  return end;
}

// markedLines returns the 0-based lines of sf that are marked TODO(routemod):
//   - every line whose text contains TODO(routemod) (the marker comment
//     itself, or code with a trailing marker comment);
//   - for a marker in the leading comments of a node (a statement, a class
//     member, a property, an argument: the outermost node starting at the
//     first token after the comment), the lines from that comment to the end
//     of that node, cut at the opening brace of its first block (headEnd).
// Nothing else: not the rest of the function, not the lines below a block's
// opening brace.
function markedLines(sf) {
  const text = sf.getFullText();
  const marked = new Set();
  text.split("\n").forEach((l, i) => { if (l.includes(MARK)) marked.add(i); });
  const line = (pos) => sf.getLineAndCharacterOfPosition(pos).line;
  const visit = (n, parentPos) => {
    if (n.pos !== parentPos) {
      for (const c of ts.getLeadingCommentRanges(text, n.pos) ?? []) {
        if (!text.slice(c.pos, c.end).includes(MARK)) continue;
        for (let l = line(c.pos); l <= line(headEnd(n, sf)); l++) marked.add(l);
      }
    }
    ts.forEachChild(n, (c) => visit(c, n.pos));
  };
  ts.forEachChild(sf, (c) => visit(c, -1));
  return marked;
}

const builtin = new Set(builtinModules);
function missingPackage(d, opts) {
  if (d.code !== 2307) return false;
  const m = /Cannot find module '([^']+)'/.exec(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  if (!m) return false;
  const spec = m[1];
  if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("node:") || builtin.has(spec)) return false;
  const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
  if (fs.existsSync(path.join(root, "node_modules", pkg))) return false;
  for (const pattern of Object.keys(opts.paths ?? {})) {
    const [pre, post = ""] = pattern.split("*");
    if (pattern.includes("*") ? spec.startsWith(pre) && spec.endsWith(post) : spec === pattern) return false;
  }
  return true;
}

const nextEnv = path.join(root, "next-env.d.ts");
fs.writeFileSync(nextEnv, '/// <reference types="next" />\n');
for (const fixture of fs.readdirSync(root).sort()) {
  const dir = path.join(root, fixture);
  if (fixture === "node_modules" || !fs.statSync(dir).isDirectory()) continue;
  const opts = options(dir);
  const files = walk(dir, []);
  const program = ts.createProgram({ rootNames: [nextEnv, ...files], options: opts, host: host(opts) });
  const marks = new Map();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const out = { fixture, file: "", line: 0, code: `TS${d.code}`, message: ts.flattenDiagnosticMessageText(d.messageText, " "), marked: false, missingPackage: missingPackage(d, opts) };
    if (d.file) {
      out.file = path.relative(dir, d.file.fileName);
      out.line = d.file.getLineAndCharacterOfPosition(d.start).line + 1;
      if (!marks.has(d.file)) marks.set(d.file, markedLines(d.file));
      out.marked = marks.get(d.file).has(out.line - 1);
    }
    console.log(JSON.stringify(out));
  }
}
