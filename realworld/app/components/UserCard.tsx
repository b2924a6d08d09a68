import type { UserResponse } from "@/pages/api/users/[id]";

export function UserCard({ data }: { data: UserResponse }) {
  return (
    <div className="card">
      <h2>{data.user.name}</h2>
      <p>{data.user.email}</p>
    </div>
  );
}
