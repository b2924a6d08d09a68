import { useEffect, useState } from "react";
import { PostList } from "@/components/PostList";
import type { PostsResponse } from "./api/posts";
import { StatusBar } from "@/components/StatusBar";
import type { HealthResponse } from "./api/health";

export default function Home() {
  const [data, setData] = useState<PostsResponse>({ posts: [] });
  const [health, setHealth] = useState<HealthResponse>({ status: "ok", uptime: 0 });
  useEffect(() => {
    fetch("/api/health")
      .then((r) => r.json() as Promise<HealthResponse>)
      .then(setHealth);
    fetch("/api/posts")
      .then((r) => r.json() as Promise<PostsResponse>)
      .then(setData);
  }, []);
  return (
    <main>
      <h1>Blog</h1>
      <PostList posts={data.posts} />
      <StatusBar health={health} flags={{ newEditor: false, betaBilling: false, darkMode: false }} />
    </main>
  );
}
