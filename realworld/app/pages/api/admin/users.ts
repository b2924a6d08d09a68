import { db } from "@/lib/db";
import { withRole } from "@/lib/withRole";

export default withRole("admin")(async (req, res) => {
  const users = await db.user.findMany();
  res.status(200).json({ users, requestedBy: req.user.email });
});
