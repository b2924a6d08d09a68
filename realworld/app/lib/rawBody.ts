import type { NextApiRequest } from "next";
import type { Readable } from "node:stream";

/** buffer reads a request body that bodyParser left alone. */
export async function buffer(readable: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of readable) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}

export function rawBody(req: NextApiRequest) {
  return buffer(req);
}
