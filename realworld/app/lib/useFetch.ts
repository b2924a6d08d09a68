import { useEffect, useState } from "react";

export default function useFetch<T>(url: string): T | null {
  const [data, setData] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    fetch(url)
      .then((r) => r.json() as Promise<T>)
      .then((d) => live && setData(d));
    return () => {
      live = false;
    };
  }, [url]);
  return data;
}
