import { Alert } from "@/components/ui/alert";

export function EditorError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert variant="error" role="alert" data-testid="editor-error">
      {message}
    </Alert>
  );
}
