import type { PostsResponse } from "pages/api/posts";

export function PostList({ posts }: PostsResponse) {
  return (
    <ul>
      {posts.map((p) => (
        <li key={p.id}>{p.title}</li>
      ))}
    </ul>
  );
}
