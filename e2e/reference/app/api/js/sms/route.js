import { decode } from "querystring";

// pages parsed a urlencoded body with querystring's decode (a field sent twice
// is an array) and passed any other body, multipart included, as text: so
// does this. req.formData() would parse multipart into File entries.
export async function POST(req) {
  const body = decode(await req.text());
  return Response.json({ from: body.From, reply: "You said " + body.Body });
}
