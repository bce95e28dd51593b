import type { CSSProperties } from "react";

/** One calm look for every email: system fonts, a narrow column, muted footer. */
export const styles = {
  body: { backgroundColor: "#f4f4f5", margin: 0, padding: "24px 0", fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" },
  container: { backgroundColor: "#ffffff", border: "1px solid #e4e4e7", borderRadius: 8, margin: "0 auto", maxWidth: 560, padding: "28px 32px" },
  workspace: { color: "#52525b", fontSize: 13, fontWeight: 600, letterSpacing: "0.02em", margin: "0 0 20px" },
  heading: { color: "#18181b", fontSize: 20, fontWeight: 600, lineHeight: "28px", margin: "0 0 16px" },
  text: { color: "#27272a", fontSize: 15, lineHeight: "24px", margin: "0 0 16px" },
  muted: { color: "#71717a", fontSize: 13, lineHeight: "20px", margin: "0 0 12px" },
  button: { backgroundColor: "#18181b", borderRadius: 6, color: "#ffffff", display: "inline-block", fontSize: 15, fontWeight: 600, padding: "10px 18px", textDecoration: "none" },
  link: { color: "#2563eb", wordBreak: "break-all" },
  hr: { borderColor: "#e4e4e7", margin: "24px 0 16px" },
  footer: { color: "#71717a", fontSize: 12, lineHeight: "18px", margin: "0 0 6px" },
} satisfies Record<string, CSSProperties>;
