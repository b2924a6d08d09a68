import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "@/lib/db";
import { ok, created, sendError, methodNotAllowed } from "@/lib/http";
import { getPagination } from "@/lib/request";
import { createUserSchema } from "@/lib/schemas";
import type { Paginated, User } from "@/lib/types";

export type UsersResponse = Paginated<User>;

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  switch (req.method) {
    case "GET": {
      const { page, pageSize, skip } = getPagination(req);
      const all = await db.user.findMany();
      const body: UsersResponse = { items: all.slice(skip, skip + pageSize), page, pageSize, total: all.length };
      return ok(res, body);
    }
    case "POST": {
      const result = createUserSchema.safeParse(req.body);
      if (!result.success) {
        return sendError(res, 400, "Invalid user", result.error.issues);
      }
      const exists = await db.user.findFirst({ email: result.data.email });
      if (exists) return sendError(res, 409, "Email already registered");
      const user = await db.user.create({ ...result.data, createdAt: new Date().toISOString() });
      return created(res, user);
    }
    default:
      return methodNotAllowed(res, ["GET", "POST"]);
  }
}
