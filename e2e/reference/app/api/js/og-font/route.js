import { readFile } from "node:fs/promises";

// The OG-image font load: an asset read relative to this file.
async function handler(req) {
  const font = await readFile(new URL("../../../../assets/fonts/sample.otf", import.meta.url));
  return Response.json({ bytes: font.length, head: font.subarray(0, 4).toString() });
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
