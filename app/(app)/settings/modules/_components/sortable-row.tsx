"use client";
import { Draggable } from "@hello-pangea/dnd";
import type { ReactNode } from "react";
import { cn } from "@/lib/ui/cn";
import { DragHandle } from "./drag-handle";

/**
 * A list row that is lifted by its grip: the row shell every sortable list of the editor shares.
 * `children` gets the grip to place where the row wants it.
 */
export function SortableRow({
  id,
  index,
  testId,
  handleLabel,
  className,
  draggingClassName = "shadow-lg ring-1 ring-ring",
  dataAttributes,
  children,
}: {
  id: string;
  index: number;
  testId: string;
  handleLabel: string;
  className: string;
  draggingClassName?: string;
  dataAttributes?: Record<`data-${string}`, string>;
  children: (handle: ReactNode) => ReactNode;
}) {
  return (
    <Draggable draggableId={id} index={index}>
      {(drag, snapshot) => (
        <li
          ref={drag.innerRef}
          {...drag.draggableProps}
          {...dataAttributes}
          data-testid={testId}
          className={cn(className, snapshot.isDragging && draggingClassName)}
        >
          {children(<DragHandle handleProps={drag.dragHandleProps} label={handleLabel} />)}
        </li>
      )}
    </Draggable>
  );
}
