import { Markdown } from "@react-email/components";
import { styles } from "./styles";

/**
 * The sender's signature from their profile (Markdown). Raw HTML in it is shown as text, not
 * markup: a signature formats, it does not inject.
 */
export function Signature({ markdown }: { markdown: string }) {
  const source = markdown.trim().replace(/</g, "&lt;");
  if (!source) return null;
  return (
    <Markdown markdownContainerStyles={{ ...styles.text, color: "#3f3f46" }} markdownCustomStyles={{ link: styles.link }}>
      {source}
    </Markdown>
  );
}
