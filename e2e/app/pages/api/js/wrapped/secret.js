import { withApiKey, withServedBy } from "../../../../lib/wrap";

export default withServedBy(
  withApiKey(async (req, res) => {
    res.status(200).json({ js: true, method: req.method });
  }),
);
