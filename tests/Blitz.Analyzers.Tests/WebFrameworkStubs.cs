namespace Blitz.Analyzers.Tests;

/// <summary>
/// Stand-ins for the web frameworks' handler base types and route builders, under their real metadata names (with a using of the route builders' namespace, so the source goes right after the usings): the
/// analyzers match them by name, so the test compilation needs no ASP.NET reference.
/// </summary>
internal static class WebFrameworkStubs
{
    public const string Source = """
        using Microsoft.AspNetCore.Builder;
        namespace Microsoft.AspNetCore.Mvc
        {
            public abstract class ControllerBase { }
            public abstract class Controller : ControllerBase { }
            public sealed class NonActionAttribute : System.Attribute { }
        }
        namespace Microsoft.AspNetCore.Mvc.Filters
        {
            public interface IAuthorizationFilter { void OnAuthorization(object context); }
            public abstract class ActionFilterAttribute : System.Attribute
            {
                public virtual void OnActionExecuting(object context) { }
            }
        }
        namespace Microsoft.AspNetCore.Mvc.RazorPages
        {
            public abstract class PageModel { }
        }
        namespace Microsoft.AspNetCore.SignalR
        {
            public abstract class Hub { }
        }
        namespace System.Web.Http
        {
            public abstract class ApiController { }
        }
        namespace Microsoft.AspNetCore.Builder
        {
            public sealed class WebApplication { }
            public static class EndpointRouteBuilderExtensions
            {
                public static void MapGet(this WebApplication app, string pattern, System.Delegate handler) { }
                public static void MapPost(this WebApplication app, string pattern, System.Delegate handler) { }
            }
        }

        """;
}
