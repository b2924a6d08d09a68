async function handler(req) {
  return Response.json({ name: "John Doe", from: "js" }, { status: 200 });
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
