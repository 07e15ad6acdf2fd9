/** The REST calls of the page (docs/api.md), relative to the application's context path. */
export function createApi(context, lang) {
  return function api(method, path, body) {
    // Errors come back in the page's language, not the browser's.
    var options = {method: method, credentials: 'same-origin', headers: {'Accept-Language': lang}};
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(context + path, options);
  };
}
