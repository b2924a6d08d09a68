const handler = async (req) => Response.json({ ok: true }, { status: 200 });

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
