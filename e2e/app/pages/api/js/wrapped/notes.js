import { withMethods } from "../../../../lib/methods";

export default withMethods(["GET", "PUT"], async (req, res) => {
  if (req.method === "PUT") {
    return res.status(200).json({ saved: true });
  }
  res.json({ notes: [] });
});
