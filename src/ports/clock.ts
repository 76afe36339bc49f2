/** The only source of "now" for services; domain functions take `now` as an argument. */
export interface Clock {
  now(): Date;
}
