import { readFile } from "node:fs/promises";
import type { NextRequest } from "next/server";

// The OG-image font load: an asset read relative to this file, which moves
// one folder deeper with the migration.
async function handler(req: NextRequest) {
  const font = await readFile(new URL("../../../../assets/fonts/sample.otf", import.meta.url));
  return Response.json({ bytes: font.length, head: font.subarray(0, 4).toString() });
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
