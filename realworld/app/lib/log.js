// log is the project's tiny structured logger (JavaScript, as many lib/ files
// of older projects are).

/**
 * @param {string} event
 * @param {Record<string, unknown>} [data]
 */
export async function track(event, data = {}) {
  console.log(JSON.stringify({ event, at: new Date().toISOString(), ...data }));
}

/**
 * @param {import('next').NextApiRequest} req
 */
export function requestId(req) {
  const id = req.headers["x-request-id"];
  return typeof id === "string" ? id : Math.random().toString(36).slice(2);
}
