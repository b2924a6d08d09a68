export const schema = { email: "string", password: "string" };
export function validate(body: any, s: typeof schema): { success: boolean; error?: string } {
  for (const k of Object.keys(s)) if (typeof body?.[k] !== "string") return { success: false, error: `${k} required` };
  return { success: true };
}
