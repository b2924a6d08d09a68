import type { HealthResponse } from "pages/api/health";
import type { Flags } from "@/pages/api/feature-flags";

export function StatusBar({ health, flags }: { health: HealthResponse; flags: Flags }) {
  return (
    <footer className={flags.darkMode ? "dark" : undefined}>
      API {health.status}, up {Math.round(health.uptime)}s
    </footer>
  );
}
