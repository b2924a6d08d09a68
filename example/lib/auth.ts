export async function getUserByEmail(email: string) {
  return email === "a@b.c" ? { email, hash: "pw" } : null;
}
export function checkPassword(user: { hash: string }, password: string) {
  return user.hash === password;
}
export function createToken(user: { email: string }) {
  return Buffer.from(user.email).toString("base64");
}
