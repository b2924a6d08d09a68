export type Role = "user" | "admin" | "owner";

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

export interface Post {
  id: string;
  slug: string;
  title: string;
  body: string;
  authorId: string;
  tags: string[];
  likes: number;
  publishedAt: string | null;
}

export interface Comment {
  id: string;
  postId: string;
  authorId: string;
  body: string;
  createdAt: string;
}

export interface Team {
  id: string;
  name: string;
  ownerId: string;
  members: { userId: string; role: Role }[];
}

export interface Order {
  id: string;
  userId: string;
  items: { sku: string; qty: number; price: number }[];
  status: "pending" | "paid" | "refunded" | "cancelled";
  total: number;
  createdAt: string;
}

export interface ApiKey {
  id: string;
  userId: string;
  label: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface Paginated<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export type ApiError = { error: string; details?: unknown };
