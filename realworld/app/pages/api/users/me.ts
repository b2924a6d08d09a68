import { withAuth } from "@/lib/withAuth";

export default withAuth(async (req, res) => {
  const { id, email, name, role } = req.user;
  res.status(200).json({ id, email, name, role });
});
