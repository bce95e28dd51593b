"use client";
import { useEffect } from "react";
import { recordMyDayVisitAction } from "../actions";

/** Tells the server My day was seen, once the page is on screen (not when it is only prefetched). */
export function VisitRecorder() {
  useEffect(() => {
    void recordMyDayVisitAction();
  }, []);
  return null;
}
