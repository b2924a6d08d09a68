export default function Home() {
  return <p>routemod e2e app</p>;
}
