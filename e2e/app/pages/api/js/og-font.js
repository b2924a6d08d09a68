import { readFile } from "node:fs/promises";

// The OG-image font load: an asset read relative to this file.
export default async function handler(req, res) {
  const font = await readFile(new URL("../../../assets/fonts/sample.otf", import.meta.url));
  res.status(200).json({ bytes: font.length, head: font.subarray(0, 4).toString() });
}
