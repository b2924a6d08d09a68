import type { GetServerSideProps } from "next";
import { UserCard } from "@/components/UserCard";
import type { UserResponse } from "@/pages/api/users/[id]";
import type { KeysResponse } from "../api/keys";

type Props = { data: UserResponse; keys: KeysResponse };

export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  const base = `http://${ctx.req.headers.host}`;
  const headers = { cookie: ctx.req.headers.cookie ?? "" };
  const [data, keys] = await Promise.all([
    fetch(`${base}/api/users/${ctx.params?.id}`, { headers }).then((r) => r.json()),
    fetch(`${base}/api/keys`, { headers }).then((r) => r.json()),
  ]);
  return { props: { data, keys } };
};

export default function UserPage({ data, keys }: Props) {
  return (
    <>
      <UserCard data={data} />
      <p>{keys.keys.length} API keys</p>
    </>
  );
}
