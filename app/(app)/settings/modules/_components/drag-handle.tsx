import { GripVertical } from "lucide-react";
import type { DraggableProvidedDragHandleProps } from "@hello-pangea/dnd";
import { cn } from "@/lib/ui/cn";

/**
 * The grip a row is lifted by; dnd gives it tabIndex 0, the keyboard sensor and an aria description
 * (the DragDropContext's `dragHandleUsageInstructions`).
 */
export function DragHandle({
  handleProps,
  label,
  className,
}: {
  handleProps: DraggableProvidedDragHandleProps | null | undefined;
  label: string;
  className?: string;
}) {
  return (
    <span
      {...handleProps}
      role="button"
      aria-label={label}
      data-testid="drag-handle"
      className={cn(
        "inline-flex size-8 shrink-0 cursor-grab touch-none items-center justify-center rounded-md text-muted-foreground pointer-coarse:size-10",
        "outline-none hover:bg-accent focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring",
        className,
      )}
    >
      <GripVertical aria-hidden="true" className="size-4" />
    </span>
  );
}
