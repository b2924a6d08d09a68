import type { NextApiRequest, NextApiResponse } from "next";
import { withMethods } from "@/lib/withMethods";

const readIds = new Set<string>();

export default withMethods(["POST"], async (req: NextApiRequest, res: NextApiResponse) => {
  const { id } = req.query;
  readIds.add(String(id));
  res.status(200).json({ id, read: true });
});
