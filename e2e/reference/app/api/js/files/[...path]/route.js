export async function GET(req, { params }) {
  const path = (await params).path;
  return Response.json({ file: path.join("/"), segments: path }, { status: 200 });
}
