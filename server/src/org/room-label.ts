/** "1栋" + "2单元" + "1201" → "1栋2单元1201" */
export function roomLabel(building: string, unit: string, room: string) {
  return `${building}${unit}${room}`;
}
