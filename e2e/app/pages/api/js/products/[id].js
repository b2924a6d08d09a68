const PRODUCTS = [
  { id: "1", name: "Kettle", price: 25 },
  { id: "2", name: "Toaster", price: 40 },
];

function sendError(res, status, message) {
  res.status(status).json({ error: message });
}

async function getItem(req, res) {
  const item = PRODUCTS.find((p) => p.id === req.query.id);
  if (!item) {
    sendError(res, 404, "not found");
    return;
  }
  res.status(200).json(item);
}

async function updateItem(req, res) {
  const item = PRODUCTS.find((p) => p.id === req.query.id);
  if (!item) {
    sendError(res, 404, "not found");
    return;
  }
  const { price } = req.body;
  if (typeof price !== "number") {
    sendError(res, 400, "price must be a number");
    return;
  }
  res.status(200).json({ ...item, price });
}

async function deleteItem(req, res) {
  const item = PRODUCTS.find((p) => p.id === req.query.id);
  if (!item) {
    sendError(res, 404, "not found");
    return;
  }
  res.status(204).end();
}

export default async function handler(req, res) {
  switch (req.method) {
    case "GET":
      return getItem(req, res);
    case "PUT":
      return updateItem(req, res);
    case "DELETE":
      return deleteItem(req, res);
    default:
      res.setHeader("Allow", ["GET", "PUT", "DELETE"]);
      sendError(res, 405, `Method ${req.method} Not Allowed`);
  }
}
