// The one export of @bluelibs/runner the live board page needs, bundled for the browser by `npm run build`.
export { Serializer } from "@bluelibs/runner";
