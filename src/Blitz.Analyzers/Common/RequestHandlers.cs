using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Sync methods a web framework runs on a ThreadPool thread once per request: public actions of MVC and Web API
/// controllers, Razor Pages handlers (<c>OnGet</c>, <c>OnPostSave</c>...), SignalR hub methods, sync lambdas given
/// to minimal-API <c>MapGet</c>/<c>MapPost</c>/..., and the sync hooks of MVC/Web API filters (<c>OnActionExecuting</c>...). A sleep or sync-over-async there holds a pool thread per
/// request just as in async code. Framework types are matched by metadata name, so the real assemblies and stand-ins
/// of the same name both count.
/// </summary>
internal static class RequestHandlers
{
    /// <summary>Base types whose public instance methods are request handlers.</summary>
    private static readonly string[] HandlerBaseTypes =
    {
        "Microsoft.AspNetCore.Mvc.ControllerBase",
        // Controller derives from ControllerBase in the real assembly; named too, so that a stand-in of it counts alike.
        "Microsoft.AspNetCore.Mvc.Controller",
        "System.Web.Mvc.Controller",
        "System.Web.Http.ApiController",
        "Microsoft.AspNetCore.SignalR.Hub",
        "Microsoft.AspNetCore.SignalR.Hub`1",
        "Microsoft.AspNet.SignalR.Hub",
    };

    /// <summary>Razor Pages: only the <c>On{Verb}[Handler]</c> methods of a page model are handlers.</summary>
    private const string PageModelType = "Microsoft.AspNetCore.Mvc.RazorPages.PageModel";

    private static readonly string[] PageHandlerPrefixes = { "OnGet", "OnPost", "OnPut", "OnDelete", "OnPatch" };

    /// <summary>Minimal-API route builders: their delegate argument is the endpoint's handler.</summary>
    private static readonly string[] RouteMappingMethods = { "Map", "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods", "MapFallback" };

    private const string RouteBuilderNamespace = "Microsoft.AspNetCore.Builder";

    /// <summary>The sync hooks of MVC, Web API and Razor Pages filters, which run around every action of their scope.</summary>
    private static readonly string[] FilterHooks =
    {
        "OnActionExecuting", "OnActionExecuted", "OnResultExecuting", "OnResultExecuted", "OnAuthorization", "OnException",
        "OnPageHandlerSelected", "OnPageHandlerExecuting", "OnPageHandlerExecuted",
    };

    /// <summary>Where the frameworks declare those hooks (filter interfaces and attributes, Controller, PageModel).</summary>
    private static readonly string[] FilterNamespaces = { "Microsoft.AspNetCore.Mvc", "System.Web.Mvc", "System.Web.Http" };

    /// <summary>
    /// Async context (<see cref="AsyncContext.IsAsyncContext"/>), or the body of a sync request handler: either way the
    /// code runs on a ThreadPool thread that other work waits for, so the rules that read one read the other.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public static bool IsAsyncContextOrHandler(IOperation operation, ISymbol containingSymbol, BlitzSymbols symbols) =>
        AsyncContext.IsAsyncContext(operation, containingSymbol, symbols) || Contains(operation, containingSymbol);

    /// <summary>True when <paramref name="operation"/> runs in the body of a sync request handler.</summary>
    public static bool Contains(IOperation operation, ISymbol containingSymbol)
    {
        return AsyncContext.EnclosingFunction(operation) switch
        {
            null => containingSymbol is IMethodSymbol method && (IsHandlerMethod(method) || IsFilterHook(method)),
            IAnonymousFunctionOperation { Symbol.IsAsync: false } lambda => IsMappedEndpoint(lambda),
            _ => false,
        };
    }

    private static bool IsHandlerMethod(IMethodSymbol method)
    {
        if (method is not { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public, IsStatic: false, IsOverride: false, IsAsync: false }
            || HasNonActionAttribute(method))
        {
            return false;
        }

        for (var type = method.ContainingType?.BaseType; type is not null; type = type.BaseType)
        {
            var name = MetadataName(type);
            if (name == PageModelType)
            {
                return IsPageHandlerName(method.Name);
            }

            if (Array.IndexOf(HandlerBaseTypes, name) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A sync filter hook (<c>OnActionExecuting</c>, <c>OnAuthorization</c>...) that overrides a framework's hook or
    /// implements a framework's filter interface: it runs on the request's pool thread around every action it filters.
    /// </summary>
    private static bool IsFilterHook(IMethodSymbol method)
    {
        if (method.IsAsync || method.IsStatic || Array.IndexOf(FilterHooks, method.Name) < 0)
        {
            return false;
        }

        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (IsFrameworkType(overridden.ContainingType))
            {
                return true;
            }
        }

        foreach (var contract in method.ContainingType.AllInterfaces)
        {
            if (!IsFrameworkType(contract))
            {
                continue;
            }

            foreach (var member in contract.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsFrameworkType(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        foreach (var prefix in FilterNamespaces)
        {
            if (ns.StartsWith(prefix, StringComparison.Ordinal) && (ns.Length == prefix.Length || ns[prefix.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPageHandlerName(string name)
    {
        foreach (var prefix in PageHandlerPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && (name.Length == prefix.Length || char.IsUpper(name[prefix.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasNonActionAttribute(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == "NonActionAttribute")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A sync lambda passed straight to <c>app.MapGet(pattern, () => ...)</c> and its kin.</summary>
    private static bool IsMappedEndpoint(IAnonymousFunctionOperation lambda)
    {
        var current = lambda.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        return current is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: var map } }
            && Array.IndexOf(RouteMappingMethods, map.Name) >= 0
            && map.ContainingType?.ContainingNamespace?.ToDisplayString() == RouteBuilderNamespace;
    }

    private static string MetadataName(INamedTypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        var ns = definition.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? definition.MetadataName : ns.ToDisplayString() + "." + definition.MetadataName;
    }
}
