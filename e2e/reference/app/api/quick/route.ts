import type { NextRequest } from "next/server";

const handler = async (req: NextRequest) => Response.json({ ok: true, method: req.method }, { status: 200 });

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
