#!/usr/bin/env node
// routemod's launcher: finds the native binary of this platform, installed by npm
// from the matching optional dependency @routemod/<os>-<cpu>, and runs it with the
// same arguments and the same stdin, stdout and stderr. Its exit code is ours; if
// it dies of a signal, so do we.
"use strict";

const { spawn } = require("child_process");
const path = require("path");

// PLATFORMS maps `${process.platform}-${process.arch}` to its package.
const PLATFORMS = {
  "linux-x64": "@routemod/linux-x64",
  "linux-arm64": "@routemod/linux-arm64",
  "darwin-x64": "@routemod/darwin-x64",
  "darwin-arm64": "@routemod/darwin-arm64",
  "win32-x64": "@routemod/win32-x64",
};

// ROUTEMOD_BINARY_PATH, when set, names the binary to run instead (a build from a clone).
const OVERRIDE = "ROUTEMOD_BINARY_PATH";

function fail(lines) {
  process.stderr.write(lines.map((l) => `routemod: ${l}\n`).join(""));
  process.exit(2); // routemod's own exit code for errors
}

// binaryPath returns the path of the binary to run, or exits with a message saying why there is none.
function binaryPath() {
  const override = process.env[OVERRIDE];
  if (override) {
    return override;
  }
  const key = `${process.platform}-${process.arch}`;
  const pkg = PLATFORMS[key];
  if (!pkg) {
    fail([
      `no prebuilt binary for ${key} (there are: ${Object.keys(PLATFORMS).join(", ")}).`,
      "Build it from a clone (Go and a C compiler): go install ./cmd/routemod,",
      `then set ${OVERRIDE} to the binary.`,
    ]);
  }
  const exe = process.platform === "win32" ? "routemod.exe" : "routemod";
  let dir;
  try {
    dir = path.dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    if (process.platform === "linux" && !glibc()) {
      fail([
        `the Linux binaries (${pkg}) need glibc, and this system's C library is another (musl, as on Alpine),`,
        "so npm did not install it. Build routemod from a clone (Go and a C compiler): go install ./cmd/routemod,",
        `then set ${OVERRIDE} to the binary.`,
      ]);
    }
    fail([
      `the platform package ${pkg} is not installed, so there is no binary for ${key}.`,
      `npm installs it as an optional dependency of routemod: reinstall routemod without`,
      `--omit=optional / --no-optional, from a lockfile made on this platform, or add ${pkg}`,
      `(the same version as routemod) yourself; or set ${OVERRIDE} to a routemod binary.`,
    ]);
  }
  return path.join(dir, "bin", exe);
}

// glibc reports whether Node runs on glibc (npm installs the Linux packages only there).
function glibc() {
  try {
    return Boolean(process.report.getReport().header.glibcVersionRuntime);
  } catch {
    return true; // unknown: say the usual
  }
}

// The signals passed on to the binary. A Ctrl-C in a terminal already reaches the binary:
// the terminal signals its whole foreground process group, binary included. Passing that
// SIGINT on as well would make it a second one, which routemod takes as "stop now", so
// on a terminal SIGINT is only kept from killing the launcher before the binary exits.
const FORWARD = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"];
const interactive = Boolean(process.stdin.isTTY || process.stdout.isTTY || process.stderr.isTTY);

const binary = binaryPath();
const child = spawn(binary, process.argv.slice(2), { stdio: "inherit", windowsHide: false });

const handlers = {};
for (const sig of FORWARD) {
  handlers[sig] = () => {
    if (sig === "SIGINT" && interactive) {
      return;
    }
    try {
      child.kill(sig);
    } catch {
      // the binary has exited already
    }
  };
  try {
    process.on(sig, handlers[sig]);
  } catch {
    // not a signal on this platform (SIGQUIT on Windows)
  }
}

child.on("error", (err) => {
  fail([`cannot run ${binary}: ${err.message}`]);
});

child.on("exit", (code, signal) => {
  for (const sig of FORWARD) {
    process.removeListener(sig, handlers[sig]);
  }
  if (signal) {
    // Die of the same signal, so whoever started us sees it (a shell prints nothing and
    // sets $? to 128+n). Where that does not end the process, exit as a shell would.
    const n = require("os").constants.signals[signal] || 0;
    process.kill(process.pid, signal);
    setTimeout(() => process.exit(128 + n), 100);
    return;
  }
  process.exit(code === null ? 2 : code);
});
