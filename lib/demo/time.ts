/** The demo workspace's time zone (the workspaces table's default): the seed's hours are on its clock. */
export const DEMO_TIME_ZONE = "Europe/Budapest";
