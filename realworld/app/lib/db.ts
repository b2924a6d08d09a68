import { randomUUID } from "crypto";
import type { ApiKey, Comment, Order, Post, Team, User } from "./types";

// A tiny in-memory store with a Prisma-like surface, so the routes read the
// way routes over a real client read.
function table<T extends { id: string }>(seed: T[]) {
  const rows = new Map<string, T>(seed.map((r) => [r.id, r]));
  return {
    async findMany(where: Partial<T> = {}): Promise<T[]> {
      return [...rows.values()].filter((r) =>
        Object.entries(where).every(([k, v]) => (r as Record<string, unknown>)[k] === v),
      );
    },
    async findUnique(id: string): Promise<T | null> {
      return rows.get(id) ?? null;
    },
    async findFirst(where: Partial<T>): Promise<T | null> {
      const [first] = await this.findMany(where);
      return first ?? null;
    },
    async create(data: Omit<T, "id">): Promise<T> {
      const row = { ...data, id: randomUUID() } as T;
      rows.set(row.id, row);
      return row;
    },
    async update(id: string, data: Partial<T>): Promise<T | null> {
      const row = rows.get(id);
      if (!row) return null;
      const next = { ...row, ...data, id };
      rows.set(id, next);
      return next;
    },
    async delete(id: string): Promise<boolean> {
      return rows.delete(id);
    },
    async count(): Promise<number> {
      return rows.size;
    },
  };
}

const now = new Date(0).toISOString();

export const db = {
  user: table<User>([
    { id: "u1", email: "ada@example.com", name: "Ada", role: "admin", createdAt: now },
    { id: "u2", email: "bob@example.com", name: "Bob", role: "user", createdAt: now },
  ]),
  post: table<Post>([
    { id: "p1", slug: "hello-world", title: "Hello", body: "First post", authorId: "u1", tags: ["intro"], likes: 3, publishedAt: now },
  ]),
  comment: table<Comment>([]),
  team: table<Team>([{ id: "t1", name: "Core", ownerId: "u1", members: [{ userId: "u1", role: "owner" }] }]),
  order: table<Order>([]),
  apiKey: table<ApiKey>([]),
};

export type Db = typeof db;
