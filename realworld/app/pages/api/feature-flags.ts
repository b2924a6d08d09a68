import type { NextApiRequest, NextApiResponse } from "next";

const FLAGS = { newEditor: false, betaBilling: false, darkMode: true };
export type Flags = typeof FLAGS;

export default function flags(req: NextApiRequest, res: NextApiResponse<Flags>) {
  const overrides = req.cookies["flags"];
  let flags: Flags = { ...FLAGS };
  if (overrides) {
    try {
      flags = { ...flags, ...(JSON.parse(overrides) as Partial<Flags>) };
    } catch {
      // ignore a bad cookie
    }
  }
  res.setHeader("Cache-Control", "no-store");
  res.status(200).json(flags);
}
