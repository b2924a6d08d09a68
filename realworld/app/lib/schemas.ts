import { z } from "zod";

export const createUserSchema = z.object({
  email: z.string().email(),
  name: z.string().min(1).max(80),
  role: z.enum(["user", "admin"]).default("user"),
});

export const updateUserSchema = createUserSchema.partial();

export const createPostSchema = z.object({
  title: z.string().min(1),
  body: z.string().min(1),
  tags: z.array(z.string()).max(10).default([]),
  publish: z.boolean().optional(),
});

export const commentSchema = z.object({ body: z.string().min(1).max(2000) });

export const loginSchema = z.object({
  email: z.string().email(),
  password: z.string().min(8),
});

export const profileSchema = z.object({
  name: z.string().min(1).optional(),
  bio: z.string().max(500).optional(),
});

export type CreateUserInput = z.infer<typeof createUserSchema>;
export type CreatePostInput = z.infer<typeof createPostSchema>;
