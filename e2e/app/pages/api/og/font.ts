import type { NextApiRequest, NextApiResponse } from "next";
import { readFile } from "node:fs/promises";

// The OG-image font load: an asset read relative to this file, which moves
// one folder deeper with the migration.
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const font = await readFile(new URL("../../../assets/fonts/sample.otf", import.meta.url));
  res.status(200).json({ bytes: font.length, head: font.subarray(0, 4).toString() });
}
