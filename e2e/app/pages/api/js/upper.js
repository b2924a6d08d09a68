// a local reader that appends the body's chunks to a string
function getRawBody(req) {
  return new Promise((resolve, reject) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

export const config = { api: { bodyParser: false } };

export default async function handler(req, res) {
  if (req.method !== "POST") return res.status(405).end();
  const text = await getRawBody(req);
  res.status(200).json({ upper: text.toUpperCase(), length: text.length });
}
